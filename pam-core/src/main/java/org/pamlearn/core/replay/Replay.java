// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import java.util.Objects;
import org.pamlearn.core.Network;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.StepContext;

/**
 * Replays a log into a network (docs/DESIGN.md, "Replay log"): for each row, {@code forward(inputs)} and then
 * {@code learn(error)} on that forward pass, with one {@link StepContext} reused across rows. The {@code mod}
 * column, when present, is given to the context as the modulation (it replaces Sign-and-Relevance's relevance
 * and Prime-and-Modulate's cue product; back-propagation ignores it), and the {@code q} column as the
 * look-ahead position; absent columns are cleared on every row.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * Replays every remaining row of a log.
     *
     * @param log the log, opened for the learner's network. Modified (read to its end).
     * @param learner the learner; its network and history change. Modified.
     * @return the number of rows replayed
     * @throws ReplayLogException if a row is bad or the learner rejects it (for example the look-ahead cue on a
     *     log without {@code q}, or a step that would make a weight NaN or infinite: a learning rate far too
     *     large); the message names the line. The rows before it have been learned, that row changed nothing.
     * @throws IllegalArgumentException if the log's shape does not match the learner's network
     * @throws java.io.UncheckedIOException if reading fails
     */
    public static int run(ReplayLog log, Learner learner) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(learner, "learner");
        Network network = learner.network();
        if (log.inputCount() != network.inputCount()) {
            throw new IllegalArgumentException("the log has " + log.inputCount() + " inputs but the network "
                    + network.inputCount());
        }
        if (!log.hasScalarError() && log.errorCount() != network.outputCount()) {
            throw new IllegalArgumentException("the log has " + log.errorCount() + " error columns but the network "
                    + network.outputCount() + " outputs");
        }
        double[] inputs = new double[network.inputCount()];
        double[] outputs = new double[network.outputCount()];
        double[] errors = new double[log.errorCount()];
        StepContext context = new StepContext();
        int rows = 0;
        while (log.next()) {
            log.copyInputsInto(inputs);
            if (log.hasModulation()) {
                context.setModulation(log.modulation());
            } else {
                context.clearModulation();
            }
            if (log.hasLookahead()) {
                context.setLookahead(log.lookahead());
            } else {
                context.clearLookahead();
            }
            try {
                network.forward(inputs, outputs);
                if (log.hasScalarError()) {
                    learner.learn(log.error(), context);
                } else {
                    log.copyErrorsInto(errors);
                    learner.learn(errors, context);
                }
            } catch (IllegalArgumentException e) {
                throw new ReplayLogException(log.source(), log.lineNumber(), "cannot learn this row: " + e.getMessage(),
                        e);
            }
            rows++;
        }
        return rows;
    }
}
