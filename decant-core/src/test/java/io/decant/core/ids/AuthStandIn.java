package io.decant.core.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an auth provider's admin API on 127.0.0.1: creates a user per POST, assigns its own
 * ids, refuses a second user with the same email (409), and fails requests by plan.
 */
final class AuthStandIn implements AutoCloseable {
    static final String TOKEN = "sk_live_s3cret-token-value";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    final CopyOnWriteArrayList<Long> arrivals = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<String> bodies = new CopyOnWriteArrayList<>();
    /** Request number (1-based) -> "status" or "status:retryAfter". */
    final Map<Integer, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    AuthStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/users", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/users";
    }

    private void handle(HttpExchange ex) throws IOException {
        int n = requests.incrementAndGet();
        arrivals.add(System.nanoTime());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "{\"error\":\"bad token\"}", null);
            return;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            reply(ex, 400, "{\"error\":\"invalid json\"}", null);
            return;
        }
        String email = json.path("primary_email").asText();
        posts.computeIfAbsent(email, k -> new AtomicInteger()).incrementAndGet();
        String plan = failures.get(n);
        if (plan != null) {
            String[] p = plan.split(":");
            reply(ex, Integer.parseInt(p[0]), "{\"error\":\"planned\"}", p.length > 1 ? p[1] : null);
            return;
        }
        if (created.containsKey(email)) {
            reply(ex, 409, "{\"error\":\"user with this email already exists\"}", null);
            return;
        }
        created.computeIfAbsent(email, k -> new AtomicInteger()).incrementAndGet();
        reply(ex, 201, "{\"user\":{\"id\":\"" + UUID.randomUUID() + "\"}}", null);
    }

    private static void reply(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
