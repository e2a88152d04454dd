package io.decant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an auth provider's admin API on 127.0.0.1: POST /api/v1/users creates a user with
 * an id of its own. Every fifth request is refused with 429 and every seventh with 500 (before
 * creating anything), and it can be told to fail every request after a number of creations, which
 * is how a crash half-way is simulated. It counts creations per email.
 */
final class AuthStandIn implements AutoCloseable {
    static final String TOKEN = "stand-in-admin-token-Zx9";
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final Map<String, String> users = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    volatile int failAfterCreations = Integer.MAX_VALUE;

    AuthStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/api/v1/users", exchange -> {
            try (exchange) {
                int n = requests.incrementAndGet();
                if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 401, "{\"error\":\"unauthorized\"}");
                    return;
                }
                if (users.size() >= failAfterCreations) {
                    send(exchange, 503, "{\"error\":\"down for maintenance\"}");
                    return;
                }
                if (n % 5 == 0) {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    send(exchange, 429, "{\"error\":\"slow down\"}");
                    return;
                }
                if (n % 7 == 0) {
                    send(exchange, 500, "{\"error\":\"oops\"}");
                    return;
                }
                JsonNode body = json.readTree(exchange.getRequestBody());
                String email = body.path("primary_email").asText();
                posts.computeIfAbsent(email, e -> new AtomicInteger()).incrementAndGet();
                String id = UUID.randomUUID().toString();
                users.put(email, id);
                send(exchange, 201, "{\"id\":\"" + id + "\",\"primary_email\":\"" + email + "\"}");
            }
        });
        server.start();
    }

    /** Every request that reached the service, answered or refused. */
    int requests() {
        return requests.get();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
