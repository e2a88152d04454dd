package io.decant.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one line plan gives a source's views: a big schema's plan stays short. */
class ViewsNoteTest {
    @Test
    void noViewsNoNote() {
        assertEquals(Optional.empty(), Planner.viewsNote(List.of()));
    }

    @Test
    void theFirstTwentyAreNamedAndTheRestCounted() {
        List<String> views = IntStream.rangeClosed(1, 23).mapToObj(i -> "v" + i + " (view)").toList();
        String note = Planner.viewsNote(views).orElseThrow();
        assertEquals("23 views are not copied or created: " + String.join(", ", views.subList(0, 20)) + " and 3 more;"
                + " recreate them on the target from the application's migrations after the load", note);
    }
}
