package io.decant.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.spec.Naming;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamesTest {
    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
            "Categories|category", "WebSite|website", "WebSites|website", "userId|user_id", "People|person",
            "Category Name|category_name", "HTTPServer|http_server", "line1|line_1", "address_2|address2",
            "statuses|status", "boxes|box", "Addresses|address"})
    void theSameWordsAreTheSameName(String source, String target) {
        assertEquals(Names.key(target), Names.key(source));
        assertEquals(1.0, Names.similarity(source, target));
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource(delimiter = '|', value = {"user|users_archive", "status|state", "xp|total_xp", "id|uuid"})
    void otherWordsAreNot(String source, String target) {
        assertTrue(Names.similarity(source, target) < Names.CLOSE, source + " ~ " + target);
    }

    @Test
    void wordsThatEndInSWithoutBeingPluralsStay() {
        assertEquals("status", Names.singular("status"));
        assertEquals("address", Names.singular("address"));
        assertEquals("news", Names.singular("news"));
        assertEquals("bus", Names.singular("bus"));
        assertEquals("category", Names.singular("categories"));
    }

    @Test
    void pairsAreOneToOneBestFirstAndTheSameWhateverTheTargetOrder() {
        List<String> sources = List.of("Users", "user_profile", "Orders", "legacy");
        Map<Integer, Pairing.Pair> a = Pairing.pair(sources, List.of("users", "user_profiles", "order", "invoice"));
        assertEquals(0, a.get(0).target());
        assertEquals(1, a.get(1).target());
        assertEquals(2, a.get(2).target());
        assertEquals(null, a.get(3));
        Map<Integer, Pairing.Pair> b = Pairing.pair(sources, List.of("invoice", "order", "user_profiles", "users"));
        assertEquals(3, b.get(0).target());
        assertEquals(1, b.get(2).target());
        // an exact name wins over a name that is the same words
        Map<Integer, Pairing.Pair> c = Pairing.pair(List.of("users", "user"), List.of("user"));
        assertEquals(0, c.get(1).target());
        assertEquals(null, c.get(0));
    }

    @Test
    void ofTwoEqualNamesTheOneInTheSameSchemaWins() {
        List<String> sources = List.of("users", "users"); // auth.users, then public users
        Map<Integer, Pairing.Pair> p = Pairing.pair(sources, List.of("users"), (i, j) -> i == 1);
        assertEquals(null, p.get(0));
        assertEquals(0, p.get(1).target());
    }

    @Test
    void theNamingRuleIsTheOneThatExplainsMostPairsPreserveOnATie() {
        assertEquals(Naming.SNAKE_CASE, Pairing.naming(List.of(new String[] {"userId", "user_id"},
                new String[] {"email", "email"}, new String[] {"createdAt", "created_at"}, new String[] {"Foo", "foo"})));
        assertEquals(Naming.CAMEL_CASE, Pairing.naming(List.of(new String[] {"user_id", "userId"},
                new String[] {"email", "email"})));
        assertEquals(Naming.PRESERVE, Pairing.naming(List.<String[]>of(new String[] {"email", "email"})));
    }

    @Test
    void aValueIsShownByItsShapeNotItsContent() {
        assertEquals("'$9,999.99'", ValueShapes.shape("$1,234.50"));
        assertEquals("'aaa_99999'", ValueShapes.shape("usr_00007"));
        assertEquals("'Aaa.Aaa@aaaa.aa'", ValueShapes.shape("Ann.Lee@mail.de"));
        assertEquals("'aaaa?aa'", ValueShapes.shape("line\nxy"));
        assertEquals("'" + "a".repeat(40) + "...'", ValueShapes.shape("b".repeat(50)));
    }

    @Test
    void scalarsAreQuotedWhereYamlWouldReadThemOtherwise() {
        assertEquals("users", SpecWriter.scalar("users"));
        assertEquals("auth.users", SpecWriter.scalar("auth.users"));
        assertEquals("\"Legacy Flag\"", SpecWriter.scalar("Legacy Flag"));
        assertEquals("\"yes\"", SpecWriter.scalar("yes"));
        assertEquals("\"Null\"", SpecWriter.scalar("Null"));
        assertEquals("\"a\\\"b\"", SpecWriter.scalar("a\"b"));
        assertEquals("\"1st\"", SpecWriter.scalar("1st"));
        assertEquals("\"cost $${x}\"", SpecWriter.scalar("cost ${x}"));
    }
}
