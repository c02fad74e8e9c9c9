package org.ness4j.sde.adaptive;

/**
 * Result of one adaptive solve: the final state and time, step statistics and a return code.
 *
 * <p>Thread safety: immutable (the state is copied on access).
 */
public final class AdaptiveSolution {

    private final double[] state;
    private final double time;
    private final long accepted;
    private final long rejected;
    private final double lastStep;
    private final AdaptiveReturnCode code;

    AdaptiveSolution(double[] state, double time, long accepted, long rejected, double lastStep,
                     AdaptiveReturnCode code) {
        this.state = state.clone();
        this.time = time;
        this.accepted = accepted;
        this.rejected = rejected;
        this.lastStep = lastStep;
        this.code = code;
    }

    /** @return a copy of the state at {@link #time()} */
    public double[] state() {
        return state.clone();
    }

    /**
     * @param component component index
     * @return one component of the final state
     */
    public double state(int component) {
        return state[component];
    }

    /** @return the time reached: the end time on {@link AdaptiveReturnCode#SUCCESS} */
    public double time() {
        return time;
    }

    /** @return number of accepted steps */
    public long acceptedSteps() {
        return accepted;
    }

    /** @return number of rejected step attempts */
    public long rejectedSteps() {
        return rejected;
    }

    /** @return the step size the controller proposed last */
    public double lastStepSize() {
        return lastStep;
    }

    /** @return how the solve ended */
    public AdaptiveReturnCode returnCode() {
        return code;
    }

    /** @return whether the end time was reached */
    public boolean isSuccess() {
        return code == AdaptiveReturnCode.SUCCESS;
    }

    @Override
    public String toString() {
        return "AdaptiveSolution[" + code + ", t = " + time + ", accepted = " + accepted
            + ", rejected = " + rejected + "]";
    }
}
