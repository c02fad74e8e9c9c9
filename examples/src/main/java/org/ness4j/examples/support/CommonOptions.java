package org.ness4j.examples.support;

import picocli.CommandLine.Option;

/**
 * The options every example has (a picocli mixin, added by {@link Cli}): {@code --preset},
 * {@code --dry-run}, {@code --debug}, {@code --force} and {@code --max-site-steps}. A further
 * option for all examples is declared here once and read through {@link Cli}.
 *
 * <p>Not thread-safe (filled by the parser).
 */
public final class CommonOptions {

    /** The default size limit in site-steps (sites x trajectories x steps, summed over runs). */
    public static final double DEFAULT_MAX_SITE_STEPS = 1e12;

    /** The preset of today's reduced sizes: the declared defaults, unchanged. */
    public static final String QUICK = "quick";

    /** The preset of the paper's sizes, declared per example with {@link Cli#preset}. */
    public static final String PAPER = "paper";

    @Option(names = "--preset", paramLabel = "<name>",
        description = "quick (the reduced sizes of the defaults) or paper (the paper's sizes and "
            + "statistics); the preset sets every option not given explicitly: explicit options "
            + "always win (default: ${DEFAULT-VALUE})")
    String preset = QUICK;

    @Option(names = "--dry-run", description = "print the preset values and the cost "
        + "estimate, then exit without running or writing anything")
    boolean dryRun;

    @Option(names = "--debug", description = "print the stack trace of an error")
    boolean debug;

    @Option(names = "--force", description = "run even if the cost estimate exceeds "
        + "--max-site-steps")
    boolean force;

    @Option(names = "--max-site-steps", paramLabel = "<site-steps>",
        description = "refuse runs whose estimate exceeds this many site-steps (sites x "
            + "trajectories x steps; about an hour on 2 cores at the declared rate) unless "
            + "--force (default: ${DEFAULT-VALUE})")
    double maxSiteSteps = DEFAULT_MAX_SITE_STEPS;
}
