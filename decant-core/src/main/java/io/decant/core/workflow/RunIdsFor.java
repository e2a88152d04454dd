package io.decant.core.workflow;

import io.decant.core.plan.TargetView;
import io.decant.core.run.RunIds;
import io.decant.core.spec.IdStrategy;
import io.decant.core.spec.Spec;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TargetDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The id mappings a run needs: built for a run, previewed for a dry run (verify reads them back itself). */
public final class RunIdsFor {
    private RunIdsFor() {
    }

    /**
     * @param targetRead the target, for strategy {@code match}, which reads it; null when there is none
     * @param checkFirst given the mappings as they will be typed but without entries, before any is
     *                   built: plans the run with them, so that every refusal the plan can make comes
     *                   before an id is made, a user created in an auth provider or a file written
     * @param messages   what building says as it goes (users created, resumed runs)
     */
    public static RunIds run(Spec spec, Path mappingFile, SourceDatabase source, TargetDatabase target, Where targetRead,
                             Endpoints endpoints, boolean dryRun, Map<String, String> env, Consumer<String> messages,
                             Consumer<RunIds> checkFirst) {
        if (spec.ids().isEmpty()) {
            return RunIds.none();
        }
        boolean match = spec.ids().values().stream().anyMatch(i -> i.strategy() == IdStrategy.MATCH);
        SourceDatabase read = match && targetRead != null ? endpoints.source(targetRead, List.of(), Map.of()) : null;
        try {
            if (dryRun) {
                return RunIds.preview(spec, source, read, mappingFile);
            }
            checkFirst.accept(RunIds.unbuilt(spec, source, read, target == null ? null : TargetView.of(target), mappingFile));
            return RunIds.build(spec, source, read, target == null ? null : TargetView.of(target), mappingFile, env, messages);
        } finally {
            if (read != null) {
                read.close();
            }
        }
    }
}
