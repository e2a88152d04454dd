package io.decant.core.api;

import java.util.List;

/** What {@code check} saw: the source, and the target if one was given. Its JSON shape is API. */
public record CheckResult(List<EndpointView> endpoints) {
    public CheckResult {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One endpoint as {@code check} shows it.
     *
     * @param role    {@code source} or {@code target}
     * @param url     the URL, password masked
     * @param version the server's version, or {@code (none yet)} for a target that does not exist yet
     * @param notes   privileges, settings, or why a target was not opened
     */
    public record EndpointView(String role, String url, String version, List<String> tables, List<String> notes) {
    }
}
