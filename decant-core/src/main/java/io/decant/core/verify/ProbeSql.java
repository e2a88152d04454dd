package io.decant.core.verify;

import io.decant.core.schema.TableId;
import io.decant.core.spi.SourceDatabase;

/** Names in the target's quoting, for the SQL a check carries for a person to run. */
final class ProbeSql {
    private final SourceDatabase target;

    ProbeSql(SourceDatabase target) {
        this.target = target;
    }

    String quote(String id) {
        return target.quoteIdentifier(id);
    }

    String quote(TableId id) {
        return id.schema() == null ? quote(id.name()) : quote(id.schema()) + "." + quote(id.name());
    }
}
