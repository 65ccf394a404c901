// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import java.util.Objects;

/**
 * A checkpoint that is not valid JSON version 1: a syntax error, a missing or mistyped field, shapes that
 * disagree, a value that is not a finite number, an unknown activation, a wrong format or version.
 *
 * <p>{@link #field()} names the offending field as a path into the document, for example {@code format},
 * {@code layers[0].activation} or {@code layers[1].weights[0][2]}; {@code $} stands for the document as a
 * whole (syntax errors, a root that is not an object). The message reads {@code checkpoint field <field>:
 * <problem>}, for example {@code checkpoint field layers[1].weights[0][2]: must be a finite number, got NaN}.
 */
public final class CheckpointFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The path of the offending field. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the path of the offending field, {@code $} for the whole document
     * @param problem what is wrong with it, for example {@code "must be a finite number, got NaN"}
     * @throws NullPointerException if an argument is {@code null}
     */
    public CheckpointFormatException(String field, String problem) {
        this(field, problem, null);
    }

    /**
     * Creates the exception with a cause (for example the JSON parser's syntax error).
     *
     * @param field the path of the offending field, {@code $} for the whole document
     * @param problem what is wrong with it
     * @param cause the cause, or {@code null}
     * @throws NullPointerException if {@code field} or {@code problem} is {@code null}
     */
    public CheckpointFormatException(String field, String problem, Throwable cause) {
        super("checkpoint field " + Objects.requireNonNull(field, "field") + ": "
                + Objects.requireNonNull(problem, "problem"), cause);
        this.field = field;
    }

    /**
     * Returns the path of the offending field, for example {@code layers[1].weights[0][2]}, or {@code $} for
     * the whole document.
     *
     * @return the field's path
     */
    public String field() {
        return field;
    }
}
