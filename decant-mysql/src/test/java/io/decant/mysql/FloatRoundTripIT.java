package io.decant.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.decant.core.schema.Column;
import io.decant.core.schema.Column.Identity;
import io.decant.core.schema.Table;
import io.decant.core.schema.TableId;
import io.decant.core.spi.OpenOptions;
import io.decant.core.spi.SinkOptions;
import io.decant.core.spi.SourceDatabase;
import io.decant.core.spi.TableSink;
import io.decant.core.spi.TargetDatabase;
import io.decant.core.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Floats and doubles come back bit for bit: random values over the whole exponent range, seeded. */
class FloatRoundTripIT {
    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20240601L})
    void randomFloatsAndDoublesSurvive(long seed) {
        TestDb db = TestDb.create("floats");
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {0, Float.MAX_VALUE, Double.MAX_VALUE});
        rows.add(new Object[] {1, -Float.MAX_VALUE, -Double.MAX_VALUE});
        rows.add(new Object[] {2, Float.MIN_NORMAL, Double.MIN_NORMAL});
        rows.add(new Object[] {3, 0.1f, 0.1 + 0.2});
        for (int i = 4; i < 500; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            double d = Double.longBitsToDouble(random.nextLong());
            // Only normal finite numbers: NaN, infinities and -0.0 are refused on purpose (see Writers).
            f = Float.isFinite(f) && Math.abs(f) >= Float.MIN_NORMAL ? f : random.nextFloat();
            d = Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL ? d : random.nextGaussian();
            rows.add(new Object[] {i, f, d});
        }
        Table t = new Table(TableId.of("f"), List.of(new Column("id", null, LogicalType.INT32, false, Identity.NONE),
                Column.of("x", LogicalType.FLOAT32), Column.of("y", LogicalType.FLOAT64)), List.of("id"), List.of(),
                List.of(), -1);
        try (TargetDatabase target = new MysqlDialect().openTarget(db.url(), OpenOptions.DEFAULT)) {
            target.createTables(List.of(t));
            try (TableSink sink = target.openSink(t, t.columns(), SinkOptions.DEFAULT)) {
                rows.forEach(sink::write);
                sink.commit();
            }
            List<Object[]> back = RoundTripIT.readAll((SourceDatabase) target, t);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i)[1], back.get(i)[1], "float of row " + i);
                assertEquals(rows.get(i)[2], back.get(i)[2], "double of row " + i);
            }
        }
    }
}
