package io.decant.cli;

import io.decant.core.api.ResultJson;

/** JSON output of result records: stable field order (the records' component order), pretty-printed ({@link ResultJson}). */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        return ResultJson.write(value);
    }
}
