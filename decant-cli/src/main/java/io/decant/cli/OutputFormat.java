package io.decant.cli;

/** How a command prints its result on stdout. */
public enum OutputFormat {
    TEXT, JSON
}
