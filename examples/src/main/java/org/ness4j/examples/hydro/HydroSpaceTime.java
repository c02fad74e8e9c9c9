package org.ness4j.examples.hydro;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ness4j.examples.support.Cli;
import org.ness4j.examples.support.Cost;
import org.ness4j.examples.support.HeatMapPlot;
import org.ness4j.examples.support.Plots;
import org.ness4j.hydro.toy.DomainWallCounter;
import org.ness4j.hydro.toy.ToyModel;
import org.ness4j.hydro.toy.ToyModelStepper;

/**
 * Fig. 4 of paper 004: space-time maps \(m(r, t)\) of the noisy toy model for several
 * \(\varepsilon\), after a waiting time, as heat maps.
 *
 * <p>The plotted field is block-averaged over {@code columns} bins in space (of the first
 * {@code shown} fraction of the system; the paper shows one quarter) and sampled at
 * {@code frames} times. Defaults: \(L = 1000\) (paper: {@code --length 10000}), both noises as
 * stated in the paper; about a minute per \(\varepsilon\) on one core. Writes
 * {@code spacetime_eps*.csv} (long format: r, t, m) and {@code spacetime_eps*.png}.
 */
public final class HydroSpaceTime {

    private HydroSpaceTime() {
    }

    /**
     * Command-line entry point; {@code --help} lists the options.
     *
     * @param args options
     */
    public static void main(String[] args) {
        command().main(args);
    }

    /**
     * The command line of this example: its options and what it runs (also the launcher's
     * subcommand).
     *
     * @return a fresh, unparsed command line
     */
    public static Cli command() {
        return new Cli("HydroSpaceTime",
                "Paper 004 Fig. 4: space-time maps m(r, t) of the noisy toy model for several eps.",
                HydroSpaceTime::run)
            .reals("eps", "0.1,0.15,0.2,0.225", "couplings eps (rescaled units)")
            .real("gamma", "0.875", "gamma")
            .real("length", "1000", "system length L (paper: 10000) (units of a)")
            .real("shown", "0.25", "fraction of the system shown")
            .real("dx", "0.25", "grid spacing (units of a)")
            .real("dt", "0.001", "time step (rescaled time units of paper 004)")
            .real("noise-factor", "4", "nu in <xi xi> = nu a J eps (1-gamma) (paper: 4)")
            .real("thermal", "1", "2 D chi T of the conserved noise (paper: 1; 0 = off)")
            .real("wait", "100", "waiting time before recording (rescaled time units of paper 004)")
            .real("time", "500", "recorded time span (rescaled time units of paper 004)")
            .integer("frames", "150", "recorded times")
            .integer("columns", "250", "space bins")
            // Paper 004, Fig. 4: L = 10000 (a quarter shown), eps = 0.1, 0.125, ..., 0.225,
            // gamma = 0.875, 2 D chi T = 1, dx = 0.25, dt = 0.001; the waiting and recorded
            // times are not stated: quick's values
            .preset("paper", Map.of("length", "10000", "eps", "0.1,0.125,0.15,0.175,0.2,0.225",
                "shown", "0.25", "gamma", "0.875", "thermal", "1", "dx", "0.25", "dt", "0.001"))
            .seed(4L)
            .output("out/hydro")
            .cost(HydroSpaceTime::cost);
    }

    /** The cost estimate printed before any work (the site-steps of all runs). */
    private static Cost cost(Cli o) {
        double cells = Math.rint(o.real("length") / o.real("dx"));
        double steps = (o.real("wait") + o.real("time")) / o.real("dt");
        return Cost.hydro(o.reals("eps").length * cells * steps, (long) cells, false);
    }

    private static void run(Cli o) {
        Path out = Path.of(o.string("out"));
        int frames = (int) o.integer("frames");
        int columns = (int) o.integer("columns");
        double shown = o.real("shown");
        if (frames < 2 || columns < 2 || !(shown > 0 && shown <= 1)) {
            throw new IllegalArgumentException("frames, columns must be >= 2 and shown in (0, 1]: "
                + frames + ", " + columns + ", " + shown);
        }
        double[] epsList = o.reals("eps");
        for (int k = 0; k < epsList.length; k++) {
            double eps = epsList[k];
            ToyModel model = ToyModel.builder().eps(eps).gamma(o.real("gamma"))
                .length(o.real("length")).dx(o.real("dx")).dt(o.real("dt"))
                .drivenNoiseFactor(o.real("noise-factor"))
                .thermalNoiseStrength(o.real("thermal")).build();
            ToyModelStepper s = new ToyModelStepper(model, 1, o.integer("seed"), k);
            long t0 = System.nanoTime();
            s.advance(Math.round(o.real("wait") / model.dt()));
            int shownCells = (int) Math.round(shown * model.cells());
            int per = Math.max(1, shownCells / columns);
            int cols = shownCells / per;
            long every = Math.max(1, Math.round(o.real("time") / frames / model.dt()));
            double[] x = new double[cols];
            double[] t = new double[frames];
            double[][] z = new double[cols][frames];
            double[] lr = new double[cols * frames];
            double[] lt = new double[cols * frames];
            double[] lm = new double[cols * frames];
            DomainWallCounter counter = DomainWallCounter.forModel(model);
            double[] scratch = new double[model.cells()];
            double walls = 0;
            for (int c = 0; c < cols; c++) {
                x[c] = (c + 0.5) * per * model.dx();
            }
            for (int f = 0; f < frames; f++) {
                s.advance(every);
                t[f] = s.time();
                double[] m = s.state();
                for (int c = 0; c < cols; c++) {
                    double sum = 0;
                    for (int i = c * per; i < (c + 1) * per; i++) {
                        sum += m[i];
                    }
                    z[c][f] = sum / per;
                    lr[f * cols + c] = x[c];
                    lt[f * cols + c] = t[f];
                    lm[f * cols + c] = z[c][f];
                }
                walls += counter.count(m, 0, model.cells(), scratch);
            }
            System.out.printf(Locale.ROOT, "eps = %.3f: %.1f s, mean wall density %.4g per unit"
                    + " length (counter: threshold %.3f, window %d cells)%n", eps,
                (System.nanoTime() - t0) * 1e-9, walls / frames / model.length(),
                counter.threshold(), counter.window());
            String tag = String.format(Locale.ROOT, "eps%.3f", eps);
            o.write("spacetime_" + tag, java.util.List.of("r", "t", "m"),
                lr, lt, lm);
            HeatMapPlot chart = Plots.heatMap(String.format(Locale.ROOT,
                "m(r, t), ε = %.3g, ν = %s, 2DχT = %s", eps, o.string("noise-factor"),
                o.string("thermal")), "r", "t", x, t, z).colourBar("m")
                .palette(HeatMapPlot.Palette.DIVERGING)
                .range(-1.2 * model.m0(), 1.2 * model.m0());
            Plots.save(chart, out.resolve("spacetime_" + tag + ".png"));
        }
    }

}
