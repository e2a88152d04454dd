import com.sun.net.httpserver.HttpExchange;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the new auth provider's admin API (Stack Auth's server API in seed 000/001), on
 * 127.0.0.1 only, for trying the runbook without a real provider. A single-file program:
 *
 * <pre>java AuthStandIn.java [PORT]        (PORT 0 or none: any free port)</pre>
 *
 * It prints {@code port=N} on stdout once it listens, and serves:
 * <ul>
 * <li>{@code POST /api/v1/users} with {@code {"primary_email": ...}}: creates a user with an id of its
 *     own and answers 201 {@code {"id": ..., "primary_email": ...}}. The request must carry the header
 *     {@code x-stack-secret-server-key} equal to the environment variable STACK_AUTH_SECRET_KEY (401
 *     otherwise). Like a real provider under load, it refuses every 5th request with 429 (Retry-After: 0)
 *     and every 7th with 500, before creating anything, so that the client's retries are exercised.
 *     An email that exists already is refused with 409.</li>
 * <li>{@code GET /api/v1/users/count}: {@code {"users": N, "refused": N}}, for run.sh's checks.</li>
 * </ul>
 * It never prints the key. Stop it with SIGTERM (run.sh does, by its process id).
 */
public final class AuthStandIn {
    private static final Pattern EMAIL = Pattern.compile("\"primary_email\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private AuthStandIn() {
    }

    public static void main(String[] args) throws IOException {
        String key = System.getenv("STACK_AUTH_SECRET_KEY");
        if (key == null || key.isEmpty()) {
            System.err.println("AuthStandIn: set STACK_AUTH_SECRET_KEY, the key that clients must send");
            System.exit(2);
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Map<String, String> users = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/users", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if ("GET".equals(exchange.getRequestMethod()) && path.equals("/api/v1/users/count")) {
                    send(exchange, 200, "{\"users\": " + users.size()
                            + ", \"refused\": " + refused.get() + "}");
                    return;
                }
                if (!"POST".equals(exchange.getRequestMethod()) || !path.equals("/api/v1/users")) {
                    send(exchange, 404, "{\"error\": \"not found\"}");
                    return;
                }
                if (!key.equals(exchange.getRequestHeaders().getFirst("x-stack-secret-server-key"))) {
                    send(exchange, 401, "{\"error\": \"invalid server key\"}");
                    return;
                }
                int n = requests.incrementAndGet();
                if (n % 5 == 0) {
                    refused.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    send(exchange, 429, "{\"error\": \"rate limited\"}");
                    return;
                }
                if (n % 7 == 0) {
                    refused.incrementAndGet();
                    send(exchange, 500, "{\"error\": \"internal error\"}");
                    return;
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = EMAIL.matcher(body);
                if (!m.find()) {
                    send(exchange, 400, "{\"error\": \"primary_email is required\"}");
                    return;
                }
                String email = m.group(1);
                String id = UUID.randomUUID().toString();
                if (users.putIfAbsent(email, id) != null) {
                    send(exchange, 409, "{\"error\": \"a user with this email exists\"}");
                    return;
                }
                send(exchange, 201, "{\"id\": \"" + id + "\", \"primary_email\": \"" + email + "\"}");
            }
        });
        server.start();
        System.out.println("port=" + server.getAddress().getPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
