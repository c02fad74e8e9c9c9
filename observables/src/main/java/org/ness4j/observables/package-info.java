/**
 * Streaming, mergeable observables of ensembles with error bars: photon statistics, phase and
 * coherence of chains of bosonic modes (paper 000, Methods table).
 */
package org.ness4j.observables;
