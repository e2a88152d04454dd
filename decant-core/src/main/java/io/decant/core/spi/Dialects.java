package io.decant.core.spi;

import io.decant.core.error.DecantException;
import io.decant.core.error.ErrorCode;
import io.decant.core.util.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the dialect for a URL among those on the class path. */
public final class Dialects {
    private final List<Dialect> dialects;

    public Dialects(List<Dialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    public static Dialects installed() {
        List<Dialect> found = new ArrayList<>();
        ServiceLoader.load(Dialect.class).forEach(found::add);
        return new Dialects(found);
    }

    public List<Dialect> all() {
        return dialects;
    }

    public Dialect forUrl(String url) {
        for (Dialect d : dialects) {
            if (d.accepts(url)) {
                return d;
            }
        }
        List<String> forms = new ArrayList<>();
        dialects.forEach(d -> forms.addAll(d.urlForms()));
        throw new DecantException(ErrorCode.UNKNOWN_URL, "no database handles '" + Redactor.global().redact(url)
                + "'; known forms: " + String.join(", ", forms));
    }

    public SourceDatabase openSource(String url, OpenOptions options) {
        return forUrl(url).openSource(url, options);
    }

    /** See {@link Dialect#absentTarget}. */
    public String absentTarget(String url) {
        return forUrl(url).absentTarget(url);
    }

    public TargetDatabase openTarget(String url, OpenOptions options) {
        return forUrl(url).openTarget(url, options);
    }
}
