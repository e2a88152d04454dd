package io.decant.core.spec;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a spec file: YAML through snakeyaml-engine's node API (which keeps line and column of every
 * node), {@code ${ENV}} expansion, and validation of everything that can be checked without a
 * connection. Every problem is collected and reported at once. Checks against the source's tables
 * and columns are {@link SpecCheck}'s.
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /** Reads {@code file} with the process environment. */
    public static Spec load(Path file) {
        return load(file, System.getenv());
    }

    public static Spec load(Path file, Map<String, String> env) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return read(text(file), name, env).orThrow();
    }

    /** Parses spec text with the process environment; {@code fileName} is used in messages. */
    public static Spec parse(String text, String fileName) {
        return parse(text, fileName, System.getenv());
    }

    public static Spec parse(String text, String fileName, Map<String, String> env) {
        return read(text, fileName, env).orThrow();
    }

    /** Like {@link #parse}, but returns the problems instead of throwing them. */
    public static SpecResult read(String text, String fileName, Map<String, String> env) {
        Problems problems = new Problems();
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(fileName).setAllowDuplicateKeys(true)
                    .setAllowRecursiveKeys(false).setMaxAliasesForCollections(50).build();
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            SpecLocation at = e.getProblemMark()
                    .map(m -> new SpecLocation(fileName, m.getLine() + 1, m.getColumn() + 1, ""))
                    .orElse(SpecLocation.root(fileName));
            problems.add(at, "not valid YAML: " + e.getProblem());
            return new SpecResult(null, problems.sorted(), fileName);
        } catch (YamlEngineException e) {
            problems.add(SpecLocation.root(fileName), "not valid YAML: " + e.getMessage());
            return new SpecResult(null, problems.sorted(), fileName);
        }
        if (root.isEmpty()) {
            Spec empty = Spec.empty();
            return new SpecResult(new Spec(empty.source(), empty.target(), empty.exclude(), empty.naming(),
                    empty.orphans(), empty.zone(), empty.tables(), empty.ids(), empty.mappingRetentionDays(),
                    Map.of("", SpecLocation.root(fileName))), List.of(), fileName);
        }
        Map<String, SpecLocation> locations = new LinkedHashMap<>();
        YamlNode.Context context = new YamlNode.Context(fileName, new EnvExpander(new HashMap<>(env)), problems, locations);
        YamlNode node = YamlNode.root(root.get(), context);
        if (!node.isMapping()) {
            node.problem("a spec is a mapping of keys such as tables, exclude, ids; got " + node.raw());
            return new SpecResult(null, problems.sorted(), fileName);
        }
        Spec spec = new SpecParser().parse(node, locations);
        new SpecValidator(spec, problems).validate();
        return problems.isEmpty() ? new SpecResult(spec, List.of(), fileName) : new SpecResult(null, problems.sorted(), fileName);
    }

    private static String text(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new DecantException(ErrorCode.USAGE, ErrorContext.EMPTY.withPhase("spec"), "spec file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withPhase("spec"),
                    "spec file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new DecantException(ErrorCode.IO_ERROR, ErrorContext.EMPTY.withPhase("spec"),
                    "cannot read spec file " + file + ": " + e.getMessage(), e);
        }
    }
}
