package org.ness4j.sde.ensemble;

/**
 * Receives progress reports; called from the thread that called {@link Ensemble#run}, at most
 * once per progress interval and once at the end.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param progress the current state of the run
     */
    void onProgress(Progress progress);
}
