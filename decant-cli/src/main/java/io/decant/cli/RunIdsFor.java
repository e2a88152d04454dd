package io.decant.cli;

import io.decant.core.engine.RunIds;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The id mappings a command needs: built for a run, previewed for a dry run, read back for verify. */
final class RunIdsFor {
    private RunIdsFor() {
    }

    static Path mappingFile(CommonOptions common) {
        if (common.mapping != null) {
            return common.mapping;
        }
        Path dir = common.spec == null ? Path.of(".") : common.spec.toAbsolutePath().getParent();
        return dir.resolve("id-mapping.json");
    }

    static RunIds run(Spec spec, CommonOptions common, SourceDatabase source, String targetUrl, Endpoints endpoints,
                      boolean dryRun, PrintWriter err) {
        return run(spec, common, source, null, targetUrl, endpoints, dryRun, err);
    }

    static RunIds run(Spec spec, CommonOptions common, SourceDatabase source, io.decant.core.spi.TargetDatabase target,
                      String targetUrl, Endpoints endpoints, boolean dryRun, PrintWriter err) {
        return run(spec, common, source, target, targetUrl, endpoints, dryRun, err, unbuilt -> { });
    }

    /**
     * @param checkFirst given the mappings as they will be typed but without entries, before any is
     *                   built: plans the run with them, so that every refusal the plan can make comes
     *                   before an id is made, a user created in an auth provider or a file written
     */
    static RunIds run(Spec spec, CommonOptions common, SourceDatabase source, io.decant.core.spi.TargetDatabase target,
                      String targetUrl, Endpoints endpoints, boolean dryRun, PrintWriter err,
                      java.util.function.Consumer<RunIds> checkFirst) {
        if (spec.ids().isEmpty()) {
            return RunIds.none();
        }
        boolean match = spec.ids().values().stream().anyMatch(i -> i.strategy() == IdStrategy.MATCH);
        SourceDatabase targetRead = match && targetUrl != null ? endpoints.source(targetUrl, java.util.List.of(), Map.of()) : null;
        try {
            if (dryRun) {
                return RunIds.preview(spec, source, targetRead, mappingFile(common));
            }
            checkFirst.accept(RunIds.unbuilt(spec, source, targetRead,
                    target == null ? null : io.decant.core.engine.TargetView.of(target), mappingFile(common)));
            return RunIds.build(spec, source, targetRead,
                    target == null ? null : io.decant.core.engine.TargetView.of(target), mappingFile(common), Environment.current(), m -> {
                synchronized (err) {
                    err.println(m);
                    err.flush();
                }
            });
        } finally {
            if (targetRead != null) {
                targetRead.close();
            }
        }
    }
}
