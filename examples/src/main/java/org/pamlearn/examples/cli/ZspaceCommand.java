// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.math3.complex.Complex;
import org.pamlearn.zspace.ClosedLoop;
import org.pamlearn.zspace.TransferFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn zspace}: the reflex loop of docs/ALGORITHMS.md &sect;2 for a plant {@code R(z) = K z^-D} (gain) or
 * {@code K z^-D / (1 - z^-1)} (integrator) and a proportional reflex {@code H = G_R}, analysed with
 * {@link ClosedLoop}: the poles of {@code 1 / (1 + R H)}, reflex stability, {@code K_cl}, the priming sign and,
 * on request, the impulse response of the reflex-only error {@code E/D = -R z^-T / (1 + R H)} and a
 * magnitude/phase plot ({@link ZspacePlot}). Prints a few readable lines, or one JSON object with {@code --json}.
 *
 * <p>An integrating plant without a reflex ({@code --reflex-gain 0}), or a gain plant with {@code K G_R = -1},
 * puts a closed-loop pole at {@code z = 1}, so {@code K_cl} is infinite; the command rejects such a loop as a
 * usage error (exit 2) rather than print a number that JSON cannot hold.
 */
@Command(name = "zspace", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "Analyses the reflex loop of a plant R(z) and a proportional reflex H = G_R in z-space: the poles of"
                + " 1/(1 + R H) with their moduli, whether the reflex alone is stable, the closed-loop gain"
                + " K_cl = R(1) G_N/(1 + R(1) G_R) (for the integrating plant its limit z -> 1, G_N/G_R), the"
                + " priming sign (the sign of K_cl) and, with --impulse, the first N samples of the impulse"
                + " response of the reflex-only error E/D = -R z^-T/(1 + R H).",
            "",
            "Plants: gain, R(z) = K z^-D; integrator, R(z) = K z^-D/(1 - z^-1). The loop needs at least one"
                + " sample of delay (D >= 1): a loop without delay cannot be realised. A loop whose K_cl is"
                + " infinite (the integrator with --reflex-gain 0, or the gain plant with K G_R = -1) is rejected"
                + " as a usage error.",
            "",
            "--json prints one JSON object: poles (a list of [re, im]), stable (bool), closedLoopGain,"
                + " primingSign (-1, 0 or 1) and, with --impulse, impulse (a list of N numbers).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the plot cannot be written (its directory is missing or not writable)",
            "2:usage error (bad or missing option, a value out of range, a loop with an infinite K_cl, an impulse"
                + " response that overflows)",
            "3:internal error (a bug; prints a stack trace)"})
final class ZspaceCommand implements Callable<Integer> {

    /** The plant's form. */
    enum Plant {
        /** {@code R(z) = K z^-D/(1 - z^-1)}. */
        INTEGRATOR,
        /** {@code R(z) = K z^-D}. */
        GAIN
    }

    /** The largest plant delay: the characteristic polynomial has degree {@code D} (gain) or {@code D + 1}. */
    static final int MAX_DELAY = 100;
    /** The largest look-ahead: it only delays E/D (numerator degree {@code D + T}). */
    static final int MAX_LOOKAHEAD = 10_000;
    /** The most impulse-response samples. */
    static final int MAX_IMPULSE = 10_000;

    private static final String PLANT = "--plant";
    private static final String PLANT_GAIN = "--plant-gain";
    private static final String DELAY = "--delay";
    private static final String REFLEX_GAIN = "--reflex-gain";
    private static final String NET_GAIN = "--net-gain";
    private static final String LOOKAHEAD = "--lookahead";
    private static final String IMPULSE = "--impulse";
    private static final String INTEGRATOR = "integrator";
    private static final String GAIN = "gain";
    /** Impulse-response samples per line of the human output. */
    private static final int SAMPLES_PER_LINE = 8;

    @Spec
    private CommandSpec spec;

    @Option(names = PLANT, required = true, paramLabel = INTEGRATOR + "|" + GAIN,
            description = "The plant: integrator, R(z) = K z^-D/(1 - z^-1), or gain, R(z) = K z^-D.")
    private Plant plant;

    @Option(names = PLANT_GAIN, required = true, paramLabel = "K", showDefaultValue = Visibility.NEVER,
            description = "The plant gain K, finite and non-zero.")
    private double plantGain;

    @Option(names = DELAY, required = true, paramLabel = "D", showDefaultValue = Visibility.NEVER,
            description = "The plant delay in samples, 1.." + MAX_DELAY + " (a loop without delay cannot be"
                    + " realised).")
    private int delay;

    @Option(names = REFLEX_GAIN, required = true, paramLabel = "GR", showDefaultValue = Visibility.NEVER,
            description = "The reflex gain G_R (H = G_R), finite; non-zero with the integrator plant.")
    private double reflexGain;

    @Option(names = NET_GAIN, required = true, paramLabel = "GN", showDefaultValue = Visibility.NEVER,
            description = "The network gain G_N, finite (0: the network does not act on the loop).")
    private double netGain;

    @Option(names = LOOKAHEAD, paramLabel = "T", defaultValue = "0",
            description = "How many samples earlier the look-ahead sensors see the disturbance, 0.."
                    + MAX_LOOKAHEAD + "; it only delays E/D.")
    private int lookahead;

    @Option(names = IMPULSE, paramLabel = "N",
            description = "Also print the first N samples (1.." + MAX_IMPULSE + ") of the impulse response of"
                    + " E/D.")
    private Integer impulse;

    @Option(names = "--plot", paramLabel = "BODE.png",
            description = "Write a PNG: magnitude (dB) and phase (degrees) of E/D and of K = G_N R/(1 + R H)"
                    + " against the normalised frequency omega (rad/sample, log scale, pi/1000 to pi). The"
                    + " directory must exist.")
    private Path plot;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    ZspaceCommand() {
        // Fields are set by picocli.
    }

    @Override
    public Integer call() {
        validate();
        ClosedLoop loop = closedLoop();
        double closedLoopGain = closedLoopGain(loop);
        int primingSign = (int) Math.signum(closedLoopGain);
        Complex[] poles = sortedPoles(loop);
        boolean stable = loop.isReflexStable();
        double[] response = impulse == null ? null : impulseResponse(loop);
        if (plot != null) {
            writePlot(loop);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(poles, stable, closedLoopGain, primingSign, response));
        } else {
            printText(out, poles, stable, closedLoopGain, primingSign, response);
        }
        out.flush();
        return 0;
    }

    /** Checks every option before any computation; the plot's directory is checked here too, to fail fast. */
    private void validate() {
        if (!Double.isFinite(plantGain) || plantGain == 0.0) {
            throw usage(PLANT_GAIN + " must be finite and non-zero, got " + plantGain);
        }
        if (delay < 1) {
            throw usage(DELAY + " must be >= 1 sample (a loop without delay cannot be realised), got " + delay);
        }
        if (delay > MAX_DELAY) {
            throw usage(DELAY + " must be <= " + MAX_DELAY + " samples, got " + delay);
        }
        requireFinite(REFLEX_GAIN, reflexGain);
        requireFinite(NET_GAIN, netGain);
        if (lookahead < 0 || lookahead > MAX_LOOKAHEAD) {
            throw usage(LOOKAHEAD + " must be between 0 and " + MAX_LOOKAHEAD + " samples, got " + lookahead);
        }
        if (impulse != null && (impulse < 1 || impulse > MAX_IMPULSE)) {
            throw usage(IMPULSE + " must be between 1 and " + MAX_IMPULSE + " samples, got " + impulse);
        }
        if (plant == Plant.INTEGRATOR && reflexGain == 0.0) {
            throw usage(REFLEX_GAIN + " must be non-zero with " + PLANT + " " + INTEGRATOR + ": without a reflex the"
                    + " integrating loop has a pole at z = 1 and K_cl = G_N/G_R is infinite");
        }
        if (plot != null) {
            checkPlotDirectory();
        }
    }

    private void requireFinite(String option, double value) {
        OptionChecks.requireFinite(spec, option, value);
    }

    private void checkPlotDirectory() {
        Path absolute = plot.toAbsolutePath();
        Path directory = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UserInputException("cannot write plot " + plot + ": it is a directory");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UserInputException("cannot write plot " + plot + ": no such directory " + directory);
        }
        if (!Files.isWritable(directory)) {
            throw new UserInputException("cannot write plot " + plot + ": directory " + directory
                    + " is not writable");
        }
    }

    private ClosedLoop closedLoop() {
        TransferFunction environment = TransferFunction.gain(plantGain).times(TransferFunction.delay(delay));
        if (plant == Plant.INTEGRATOR) {
            environment = environment.times(TransferFunction.integrator());
        }
        try {
            return ClosedLoop.of(environment, TransferFunction.gain(reflexGain), netGain, lookahead);
        } catch (ArithmeticException e) {
            throw usage("the loop's coefficients overflow (" + gains() + "); use smaller gains");
        }
    }

    private double closedLoopGain(ClosedLoop loop) {
        double closedLoopGain;
        try {
            closedLoopGain = loop.closedLoopGain();
        } catch (IllegalArgumentException e) {
            // A closed-loop pole at z = 1 (the integrator with G_R = 0 was rejected in validate()).
            String why = plant == Plant.INTEGRATOR
                    ? "K G_R = " + plantGain * reflexGain + ", too small to move the integrator's pole off z = 1"
                    : "K G_R = -1 (to rounding): 1 + R(1) G_R = 0 puts a closed-loop pole at z = 1";
            throw usage(PLANT_GAIN + " " + plantGain + " and " + REFLEX_GAIN + " " + reflexGain + " give " + why
                    + ", so K_cl is infinite");
        }
        if (!Double.isFinite(closedLoopGain)) {
            throw usage("K_cl overflows (" + gains() + "); use smaller gains");
        }
        return closedLoopGain + 0.0;
    }

    private String gains() {
        return PLANT_GAIN + " " + plantGain + ", " + REFLEX_GAIN + " " + reflexGain + ", " + NET_GAIN + " " + netGain;
    }

    /** The poles by decreasing modulus (the dominant one first), then by decreasing real and imaginary part. */
    private static Complex[] sortedPoles(ClosedLoop loop) {
        Complex[] poles = loop.poles();
        Arrays.sort(poles, Comparator.<Complex>comparingDouble(Complex::abs).reversed()
                .thenComparing(Comparator.<Complex>comparingDouble(Complex::getReal).reversed())
                .thenComparing(Comparator.<Complex>comparingDouble(Complex::getImaginary).reversed()));
        return poles;
    }

    private double[] impulseResponse(ClosedLoop loop) {
        double[] response = loop.reflexOnlyErrorResponse().impulseResponse(impulse);
        for (int n = 0; n < response.length; n++) {
            if (!Double.isFinite(response[n])) {
                throw usage(IMPULSE + " " + impulse + ": the impulse response of this unstable loop overflows at"
                        + " n = " + n + "; ask for at most " + n + " samples");
            }
            response[n] += 0.0;
        }
        return response;
    }

    private void writePlot(ClosedLoop loop) {
        String title = String.format(Locale.ROOT, "%s plant K = %s, D = %d, G_R = %s, G_N = %s, T = %d", plant,
                format(plantGain), delay, format(reflexGain), format(netGain), lookahead);
        try {
            ZspacePlot.write(loop, title, plot);
        } catch (IOException e) {
            throw new UserInputException("cannot write plot " + plot + ": " + IoMessages.reason(e, plot, true), e);
        } catch (UncheckedIOException e) {
            throw new UserInputException("cannot write plot " + plot + ": " + IoMessages.reason(e.getCause(), plot,
                    true), e);
        }
    }

    private static String json(Complex[] poles, boolean stable, double closedLoopGain, int primingSign,
            double[] response) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode poleList = root.putArray("poles");
        for (Complex p : poles) {
            poleList.addArray().add(p.getReal() + 0.0).add(p.getImaginary() + 0.0);
        }
        root.put("stable", stable);
        root.put("closedLoopGain", closedLoopGain);
        root.put("primingSign", primingSign);
        if (response != null) {
            ArrayNode samples = root.putArray("impulse");
            for (double e : response) {
                samples.add(e);
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printText(PrintWriter out, Complex[] poles, boolean stable, double closedLoopGain, int primingSign,
            double[] response) {
        boolean integrating = plant == Plant.INTEGRATOR;
        out.printf(Locale.ROOT, "loop: R(z) = %s z^-%d%s, H = G_R = %s, G_N = %s, T = %d%n", format(plantGain),
                delay, integrating ? "/(1 - z^-1)" : "", format(reflexGain), format(netGain), lookahead);
        out.printf(Locale.ROOT, "poles of 1/(1 + R H): %d%n", poles.length);
        for (Complex p : poles) {
            out.printf(Locale.ROOT, "  %-28s |p| = %s%n", format(p), format(p.abs()));
        }
        out.println(stable ? "stable: yes (every pole strictly inside the unit circle)"
                : "stable: no (a pole on or outside the unit circle: the reflex alone does not settle the loop)");
        out.printf(Locale.ROOT, "K_cl = %s%s%n", format(closedLoopGain),
                integrating ? " (G_N/G_R, the limit z -> 1 for the integrating plant)" : " (R(1) G_N/(1 + R(1) G_R))");
        out.println("priming sign: " + primingSentence(primingSign));
        if (response != null) {
            out.printf(Locale.ROOT, "impulse response of E/D = -R z^-T/(1 + R H), e[0..%d]:%n", response.length - 1);
            for (int n = 0; n < response.length; n += SAMPLES_PER_LINE) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  e[%d..]", n));
                for (int k = n; k < Math.min(n + SAMPLES_PER_LINE, response.length); k++) {
                    line.append(' ').append(format(response[k]));
                }
                out.println(line);
            }
        }
        if (plot != null) {
            out.println("plot: wrote " + plot);
        }
    }

    private static String primingSentence(int primingSign) {
        if (primingSign > 0) {
            return "+1 (K_cl > 0: the network's output moves the error the way the learning rules assume, so they"
                    + " descend with G_N as given)";
        }
        if (primingSign < 0) {
            return "-1 (K_cl < 0: the network's output moves the error the other way, so the rules would climb;"
                    + " negate G_N or subtract the network's output)";
        }
        return "0 (G_N = 0: the network does not act on the loop, so there is nothing to learn)";
    }

    private static String format(Complex p) {
        double im = p.getImaginary();
        if (im == 0.0) {
            return format(p.getReal());
        }
        return format(p.getReal()) + (im < 0 ? " - " : " + ") + format(Math.abs(im)) + "i";
    }

    /** Six significant digits without trailing zeros: {@code 0.6}, {@code -0.0648}, {@code 1.5e-07}. */
    static String format(double x) {
        if (x == 0.0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }
}
