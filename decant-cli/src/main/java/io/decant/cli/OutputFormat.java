package io.decant.cli;

/** How a command prints its result on stdout. MARKDOWN is for plan and verify (a pull-request comment, a CI summary). */
public enum OutputFormat {
    TEXT, JSON, MARKDOWN
}
