package org.ness4j.core.quantum;

import org.ness4j.core.exec.PlanSource;
import org.ness4j.core.exec.ShardedPlan;

/**
 * The plan of {@link QuantumTrajectoriesShardingTest}'s run as a class with a public no-argument
 * constructor, as {@code MergeTool --plan CLASS} needs.
 */
public final class KerrPlanSource implements PlanSource<QuantumTrajectories.Result> {

    private static final long serialVersionUID = 1L;

    /** Creates the source. */
    public KerrPlanSource() {
    }

    @Override
    public ShardedPlan<QuantumTrajectories.Result> plan() {
        return QuantumTrajectoriesShardingTest.kerr(1).plan();
    }
}
