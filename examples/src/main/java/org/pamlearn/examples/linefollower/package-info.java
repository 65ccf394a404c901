// SPDX-License-Identifier: Apache-2.0
/**
 * The simulated line-follower experiment of ALGORITHMS.md &sect;5 behind {@code pamlearn line-follower}:
 * {@link org.pamlearn.examples.linefollower.LineFollowerRun} wires the simulator, the filter array, the network,
 * a learning rule and the closed-loop controller, and runs it until the success criterion holds or the step
 * budget is spent; {@link org.pamlearn.examples.linefollower.Trace} keeps what the plots show.
 */
package org.pamlearn.examples.linefollower;
