package io.decant.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/decant.schema.json, the editor schema, agrees with the spec grammar: the same keys at every
 * level and the same choices as the parser, every spec in the repository validates, and specs that
 * are wrong in shape are refused by both the schema and decant.
 */
public class SpecSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    static Path repo() {
        return SpecDocExamplesTest.doc().getParent().getParent();
    }

    static JsonNode schemaJson() throws IOException {
        return JSON.readTree(repo().resolve("docs/decant.schema.json").toFile());
    }

    static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson());
    }

    /** The schema's complaints about a spec (none: it validates); also used by the tests of init's specs. */
    public static Set<ValidationMessage> validate(String yaml) throws IOException {
        JsonNode doc = YAML.readTree(yaml);
        return schema().validate(doc == null || doc.isMissingNode() ? JSON.createObjectNode() : doc);
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new LinkedHashSet<>();
        for (Iterator<String> it = object.path("properties").fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> enumOf(JsonNode node) {
        JsonNode e = node.has("enum") ? node.get("enum") : node.path("anyOf").path(0).path("enum");
        List<String> out = new ArrayList<>();
        e.forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void everyLevelHasTheParsersKeys() throws IOException {
        JsonNode s = schemaJson();
        JsonNode defs = s.get("$defs");
        assertEquals(SpecParser.TOP, keys(s));
        assertEquals(SpecParser.TABLE, keys(defs.get("table")));
        assertEquals(SpecParser.COLUMN, keys(defs.get("column")));
        assertEquals(SpecParser.ADD, keys(defs.get("added")));
        assertEquals(SpecParser.CAST, keys(defs.get("cast").get("anyOf").get(1)));
        assertEquals(IdsParser.IDS, keys(defs.get("idSpec")));
        assertEquals(IdsParser.MATCH, keys(defs.get("idSpec").get("properties").get("match")));
        assertEquals(IdsParser.HTTP, keys(defs.get("idSpec").get("properties").get("http")));
        for (String object : List.of("table", "column", "added", "idSpec")) {
            assertFalse(defs.get(object).path("additionalProperties").asBoolean(true), object + ": unknown keys are errors");
        }
    }

    @Test
    void everyChoiceIsTheParsers() throws IOException {
        JsonNode s = schemaJson();
        JsonNode p = s.get("properties");
        JsonNode defs = s.get("$defs");
        assertEquals(Arrays.stream(Naming.values()).map(Naming::spelling).toList(), enumOf(p.get("naming")));
        assertEquals(List.copyOf(SpecParser.spellings(OrphanPolicy.values()).keySet()), enumOf(p.get("orphans")));
        assertEquals(List.copyOf(SpecParser.spellings(IdStrategy.values()).keySet()),
                enumOf(defs.get("idSpec").get("properties").get("strategy")));
        assertEquals(List.copyOf(SpecParser.spellings(TimeFormat.values()).keySet()),
                enumOf(defs.get("cast").get("anyOf").get(1).get("properties").get("format")));
        assertEquals(CastNames.known(), enumOf(defs.get("castName")));
        assertEquals(Arrays.stream(io.decant.core.transform.ByteEncoding.values()).map(io.decant.core.transform.ByteEncoding::spelling).toList(),
                enumOf(defs.get("cast").get("anyOf").get(1).get("properties").get("encoding")));
        assertEquals(List.copyOf(IdsParser.METHODS), enumOf(defs.get("idSpec").get("properties").get("http").get("properties").get("method")));
    }

    @Test
    void theCastPatternsAcceptWhatDecantAccepts() throws IOException {
        for (String cast : List.of("numeric(10,2)", "NUMERIC ( 12 , 4 )", "decimal(5)", "varchar(255)", "character varying(20)", "text(3)")) {
            CastNames.target(cast);
            assertEquals(Set.of(), validate("tables: {t: {columns: {c: {cast: '" + cast + "'}}}}"), cast);
        }
        assertFalse(validate("tables: {t: {columns: {c: {cast: 'numeric(x)'}}}}").isEmpty());
    }

    static Stream<Path> repositorySpecs() throws IOException {
        try (Stream<Path> files = Files.walk(repo().resolve("examples"))) {
            List<Path> specs = files.filter(f -> f.getFileName().toString().matches("decant.*\\.ya?ml")).sorted().toList();
            assertTrue(specs.size() >= 4, "example specs: " + specs);
            return specs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("repositorySpecs")
    void everyExampleSpecValidates(Path spec) throws IOException {
        assertEquals(Set.of(), validate(Files.readString(spec)), spec.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyValidExampleOfTheDocsValidates() throws IOException {
        return SpecDocExamplesTest.examples().stream().filter(e -> !e.invalid())
                .map(e -> DynamicTest.dynamicTest("docs/spec.md:" + e.line(), () -> assertEquals(Set.of(), validate(e.yaml()))));
    }

    /**
     * The invalid examples of docs/spec.md whose problem is one of shape are refused by the schema
     * too; the others (merge cycles, unset variables, expressions, names) need the source or the
     * environment, which only decant has.
     */
    @TestFactory
    Stream<DynamicTest> theDocsInvalidExamplesOfShapeAreRefused() throws IOException {
        return SpecDocExamplesTest.examples().stream().filter(SpecDocExamplesTest.Example::invalid)
                .filter(e -> isShape(e.expected()))
                .map(e -> DynamicTest.dynamicTest("docs/spec.md:" + e.line(), () -> assertFalse(validate(e.yaml()).isEmpty())));
    }

    private static boolean isShape(String problems) {
        return Stream.of("unknown key", "unknown naming", "unknown orphans policy", "unknown id strategy", "unknown time format",
                "expected true or false", "expected a whole number", "missing key", "unknown HTTP method", "unknown cast",
                "unknown encoding")
                .anyMatch(problems::contains);
    }

    static Stream<String[]> wrongShapes() {
        return Stream.of(
                new String[] {"nameing: snake_case", "unknown key 'nameing'"},
                new String[] {"naming: snake", "unknown naming 'snake'"},
                new String[] {"orphans: ignore", "unknown orphans policy 'ignore'"},
                new String[] {"mapping_retention_days: soon", "expected a whole number"},
                new String[] {"mapping_retention_days: 0", "expected a whole number from 1"},
                new String[] {"tables: {users: {renamed: people}}", "unknown key 'renamed'"},
                new String[] {"tables: {users: {columns: {approved: {too: ok}}}}", "unknown key 'too'"},
                new String[] {"tables: {users: {columns: {approved: {cast: boolen}}}}", "unknown cast 'boolen'"},
                new String[] {"tables: {users: {columns: {a: {cast: {type: timestamptz, format: epoch_us}}}}}", "unknown time format"},
                new String[] {"tables: {users: {columns: {a: {skip: sure}}}}", "expected true or false"},
                new String[] {"tables: {users: {columns: {a: {cast: {type: bytes, encoding: rot13}}}}}", "unknown encoding 'rot13'"},
                new String[] {"tables: {users: {columns: {a: {cast: {type: real, round: maybe}}}}}", "expected true or false"},
                new String[] {"zero_dates: someday", "zero"},
                new String[] {"tables: {orders: {columns: {shipped_on: {zero_date: 2024-13}}}}", "zero"},
                new String[] {"tables: {users: {add: {c: {cast: text}}}}", "missing key 'value'"},
                new String[] {"ids: {users: {legacy_column: old_id}}", "missing key 'strategy'"},
                new String[] {"ids: {users: {strategy: random}}", "unknown id strategy 'random'"},
                new String[] {"ids: {users: {strategy: file}}", "needs the key 'file'"},
                new String[] {"ids: {users: {strategy: match, match: {table: accounts}}}", "missing key 'column'"},
                new String[] {"ids: {users: {strategy: http, http: {url: 'https://auth.example/admin/users', id_pointer: /id, method: SEND}}}",
                    "unknown HTTP method 'SEND'"},
                new String[] {"ids: {users: {strategy: http, http: {url: 'https://auth.example/admin/users'}}}", "missing key 'id_pointer'"});
    }

    @ParameterizedTest
    @MethodSource("wrongShapes")
    void aWrongShapeIsRefusedByTheSchemaAndByDecant(String yaml, String decantSays) throws IOException {
        SpecResult r = SpecLoader.read(yaml + "\n", "decant.yaml", SpecLoaderTest.ENV);
        assertFalse(r.ok(), yaml);
        assertTrue(r.problems().toString().contains(decantSays), r.problems().toString());
        assertFalse(validate(yaml).isEmpty(), "the schema accepts: " + yaml);
    }
}
