package io.decant.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NamingTest {

    @ParameterizedTest
    @CsvSource({
        "OrderLine, order_line",
        "userId, user_id",
        "HTTPServer, http_server",
        "providerAccountId, provider_account_id",
        "address2, address2",
        "address2Line, address2_line",
        "userID, user_id",
        "ID, id",
        "already_snake, already_snake",
        "_id, _id",
        "__typename, __typename",
        "First Name, first_name",
        "emailVerified, email_verified",
        "tos_accepted_at, tos_accepted_at",
        "İstanbulCity, i̇stanbul_city",
    })
    void snakeCase(String in, String out) {
        assertEquals(out, Naming.SNAKE_CASE.apply(in));
    }

    @ParameterizedTest
    @CsvSource({
        "provider_account_id, providerAccountId",
        "user_id, userId",
        "address2, address2",
        "created_at, createdAt",
        "HTTPServer, httpServer",
        "userId, userId",
        "_id, _id",
        "legacy_user_id, legacyUserId",
        "ID, id",
        "user_ID, userId",
    })
    void camelCase(String in, String out) {
        assertEquals(out, Naming.CAMEL_CASE.apply(in));
    }

    @Test
    void preserveKeepsEverything() {
        for (String s : List.of("userId", "HTTPServer", "a b", "_id", "ID")) {
            assertEquals(s, Naming.PRESERVE.apply(s));
        }
    }

    @Test
    void turkishDefaultLocaleDoesNotChangeI() {
        // the surefire JVM runs in tr_TR: "ID".toLowerCase() would be "ıd" there
        assertEquals("user_id", Naming.SNAKE_CASE.apply("USER_ID"));
        assertEquals("isActive", Naming.CAMEL_CASE.apply("IS_ACTIVE"));
    }

    /** Random snake names of words of two or more letters/digits (one-letter words are ambiguous in camelCase). */
    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 0x5eedL * 31 + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void snakeAndCamelRoundTrip(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(4);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder();
            w.append((char) ('a' + r.nextInt(26)));
            int len = 1 + r.nextInt(6);
            for (int j = 0; j < len; j++) {
                w.append(r.nextInt(5) == 0 ? (char) ('0' + r.nextInt(10)) : (char) ('a' + r.nextInt(26)));
            }
            words.add(w.toString());
        }
        String snake = String.join("_", words);
        StringBuilder camel = new StringBuilder(words.get(0));
        for (String w : words.subList(1, words.size())) {
            camel.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        assertEquals(camel.toString(), Naming.CAMEL_CASE.apply(snake), snake);
        assertEquals(snake, Naming.SNAKE_CASE.apply(camel.toString()), camel.toString());
        assertEquals(snake, Naming.SNAKE_CASE.apply(snake));
        assertEquals(camel.toString(), Naming.CAMEL_CASE.apply(camel.toString()));
    }

    @Test
    void mapperAppliesNamingExceptToExplicitRenames() {
        NameMapper.Result r = NameMapper.map(List.of("id", "userId", "emailVerified"),
                Map.of("emailVerified", "emailVerifiedAt"), Naming.SNAKE_CASE);
        assertEquals(Map.of("id", "id", "userId", "user_id", "emailVerified", "emailVerifiedAt"), r.targets());
        assertTrue(r.collisions().isEmpty());
    }

    @Test
    void collisionAfterConversionNamesBoth() {
        NameMapper.Result r = NameMapper.map(List.of("userId", "user_id", "name"), Map.of(), Naming.SNAKE_CASE);
        assertEquals(List.of(new NameMapper.Collision("user_id", "userId", "user_id")), r.collisions());
        assertEquals("userId and user_id both become user_id", r.collisions().get(0).message());
    }

    @Test
    void collisionWithARename() {
        DecantException e = assertThrows(DecantException.class, () -> NameMapper.mapOrThrow("columns of users",
                List.of("a", "b"), Map.of("a", "b"), Naming.PRESERVE));
        assertEquals(ErrorCode.SPEC_INVALID, e.code());
        assertEquals("[SPEC_INVALID] name collision in columns of users: a and b both become b; rename one of them"
                + " with 'to' (columns) or 'into' (tables)", e.getMessage());
    }
}
