package io.decant.cli.corpus;

import io.decant.cli.Cli;

import java.nio.file.Path;
import java.util.List;

/**
 * One bad input: how to build it, the command line, and what decant must answer. {@code messages}
 * are substrings stderr must contain (the place and the rule). {@code bug}, when set, says why the
 * case is known to fail today; such cases run only from {@link KnownBugsIT}, where they are
 * {@code @Disabled} until the lead fixes them.
 */
record Case(String name, Setup setup, int exit, List<String> messages, Check after, String bug) {
    /** Builds the input in {@code ctx.dir()} (a fresh folder per case) and returns the command line and what it must not touch. */
    @FunctionalInterface
    interface Setup {
        Invocation prepare(Ctx ctx) throws Exception;
    }

    /** Extra checks after the run (for cases that must succeed: that the data arrived). */
    @FunctionalInterface
    interface Check {
        void verify(Ctx ctx, Cli.Result result) throws Exception;
    }

    record Invocation(List<String> args, Guard guard) {
        static Invocation of(Guard guard, String... args) {
            return new Invocation(List.of(args), guard);
        }
    }

    /** {@code bag} carries what a setup made (a database) to the case's after-check. */
    record Ctx(Path dir, Fixtures fx, java.util.Map<String, Object> bag) {
    }

    static Case of(String name, int exit, Setup setup, String... messages) {
        return new Case(name, setup, exit, List.of(messages), (c, r) -> { }, null);
    }

    Case then(Check check) {
        return new Case(name, setup, exit, messages, check, bug);
    }

    Case bug(String why) {
        return new Case(name, setup, exit, messages, after, why);
    }

    @Override
    public String toString() {
        return name;
    }
}
