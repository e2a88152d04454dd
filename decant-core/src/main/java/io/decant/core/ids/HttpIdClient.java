package io.decant.core.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.error.ErrorContext;
import io.decant.core.spec.HttpSpec;
import io.decant.core.util.Env;
import io.decant.core.util.JsonMappers;
import io.decant.core.util.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends one row to the service and reads the new id from its answer. Retried, with exponential
 * backoff and jitter (or the service's Retry-After), are the answers that say "not now": 429 and
 * 5xx, and a connection that could not be made. Not retried is a request that went out and got no
 * answer (timeout, reset): the service may have created the row, and a second request could make a
 * second user. How answers become errors, by status:
 * <ul>
 * <li>401, 403: {@link ErrorCode#PERMISSION_DENIED};</li>
 * <li>409, 422 ("already exists"): {@link ErrorCode#CONSTRAINT_VIOLATION}, pointing to strategy
 *     {@code match}: decant never guesses which existing account is meant;</li>
 * <li>429, 5xx, connection refused, after the last retry: {@link ErrorCode#CONNECTION_FAILED};</li>
 * <li>other statuses, or a success without an id at the pointer: {@link ErrorCode#DATABASE_ERROR}.</li>
 * </ul>
 * Header values are registered as secrets and never appear in a message.
 */
final class HttpIdClient {
    private static final ObjectMapper MAPPER = JsonMappers.MAPPER;
    private static final int BODY_PREVIEW = 200;
    private static final java.util.regex.Pattern ENV_REF = java.util.regex.Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** A failed row; {@code mayHaveCreated} when the request went out and no answer says it did not. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient DecantException error;
        final boolean mayHaveCreated;

        Failure(DecantException error, boolean mayHaveCreated) {
            super(null, null, false, false);
            this.error = error;
            this.mayHaveCreated = mayHaveCreated;
        }
    }

    private final HttpSpec spec;
    private final HttpOptions options;
    private final RateLimiter limiter;
    private final HttpClient client;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final URI uri;

    HttpIdClient(HttpSpec spec, Map<String, String> env, HttpOptions options, String where) {
        this.spec = spec;
        this.options = options;
        this.limiter = new RateLimiter(spec.ratePerSecond());
        this.client = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String url = Env.expand(spec.url(), env, where + ".url");
        try {
            this.uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DecantException(ErrorCode.SPEC_INVALID, ErrorContext.EMPTY.withLocation(where + ".url"), "not a URL: " + e.getMessage());
        }
        spec.headers().forEach((name, value) -> {
            // The variable's own value too: "Bearer ${TOKEN}" must not leak the token through "Bearer " + it elsewhere.
            java.util.regex.Matcher m = ENV_REF.matcher(value);
            while (m.find()) {
                Redactor.global().register(env.get(m.group(1)));
            }
            String v = Env.expand(value, env, where + ".headers." + name);
            // Any header may carry a credential (X-Stack-Secret-Server-Key); masking a harmless one costs nothing.
            Redactor.global().register(v);
            headers.put(name, v);
        });
    }

    JsonNode create(String body, ErrorContext row) throws Failure {
        HttpRequest request = request(body);
        String what = spec.method() + " " + uri;
        int attempts = spec.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> resp;
            try {
                limiter.acquire();
                resp = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                if (attempt < attempts) {
                    sleep(backoff(attempt), row, what);
                    continue;
                }
                throw fail(ErrorCode.CONNECTION_FAILED, row, what + " could not connect after " + attempt + " attempts: "
                        + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), false);
            } catch (IOException e) {
                throw fail(ErrorCode.CONNECTION_FAILED, row, what + " got no answer (" + e.getClass().getSimpleName()
                        + "); the service may have created the row, so it is not sent again", true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(ErrorCode.CONNECTION_FAILED, row, what + " was interrupted", true);
            }
            int status = resp.statusCode();
            if (status >= 200 && status < 300) {
                return id(resp, row, what);
            }
            String answered = what + " answered HTTP " + status;
            switch (status) {
                case 401, 403 -> throw fail(ErrorCode.PERMISSION_DENIED, row, answered + ": check the credentials in the headers"
                        + preview(resp), false);
                case 409, 422 -> throw fail(ErrorCode.CONSTRAINT_VIOLATION, row, answered + " (already exists?)" + preview(resp)
                        + ". decant never creates a row twice nor guesses which existing one is meant: if these rows exist"
                        + " in the service already, use strategy match (for example by email) or a mapping file", false);
                default -> { }
            }
            boolean retryable = status == 429 || status >= 500;
            if (!retryable) {
                throw fail(ErrorCode.DATABASE_ERROR, row, answered + preview(resp), false);
            }
            if (attempt >= attempts) {
                throw fail(ErrorCode.CONNECTION_FAILED, row, answered + " after " + attempt + " attempts" + preview(resp), false);
            }
            Duration wait = retryAfter(resp);
            if (wait != null && wait.compareTo(options.maxRetryAfter()) > 0) {
                throw fail(ErrorCode.CONNECTION_FAILED, row, answered + " and asks to wait " + wait.toSeconds()
                        + " s, longer than " + options.maxRetryAfter().toSeconds() + " s; try again later", false);
            }
            sleep(wait != null ? wait : backoff(attempt), row, what);
        }
    }

    private HttpRequest request(String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout())
                .method(spec.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            try {
                b.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                // The value is not shown: it is a secret. The name is the user's.
                throw new DecantException(ErrorCode.SPEC_INVALID, "header " + h.getKey() + " cannot be set by decant");
            }
            contentType |= h.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!contentType && body != null) {
            b.header("Content-Type", "application/json");
        }
        b.header("Accept", "application/json");
        return b.build();
    }

    private JsonNode id(HttpResponse<String> resp, ErrorContext row, String what) throws Failure {
        JsonNode id;
        try {
            id = MAPPER.readTree(resp.body()).at(spec.idPointer());
        } catch (IOException | IllegalArgumentException e) {
            throw fail(ErrorCode.DATABASE_ERROR, row, what + " answered HTTP " + resp.statusCode() + " with a body that is not JSON"
                    + preview(resp) + "; the row may have been created", true);
        }
        if (!(id.isTextual() || id.isIntegralNumber())) {
            throw fail(ErrorCode.DATABASE_ERROR, row, what + " answered HTTP " + resp.statusCode() + " without a string or integer at "
                    + spec.idPointer() + preview(resp) + "; the row may have been created", true);
        }
        return id;
    }

    /** {@code first * 2^(attempt-1)}, capped, then drawn from its upper half so that parallel runs spread out. */
    private Duration backoff(int attempt) {
        long first = options.firstBackoff().toMillis();
        long ms = Math.min(options.maxBackoff().toMillis(), first << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private static Duration retryAfter(HttpResponse<String> resp) {
        String v = resp.headers().firstValue("Retry-After").orElse(null);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(java.time.ZoneOffset.UTC), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void sleep(Duration d, ErrorContext row, String what) throws Failure {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(ErrorCode.CONNECTION_FAILED, row, what + " was interrupted while waiting to retry", false);
        }
    }

    private static String preview(HttpResponse<String> resp) {
        String body = resp.body();
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.length() > BODY_PREVIEW ? body.substring(0, BODY_PREVIEW) + "..." : body;
        return ": " + Redactor.global().redact(b.replace('\n', ' ').replace('\r', ' '));
    }

    private static Failure fail(ErrorCode code, ErrorContext row, String detail, boolean mayHaveCreated) {
        return new Failure(new DecantException(code, row, detail), mayHaveCreated);
    }
}
