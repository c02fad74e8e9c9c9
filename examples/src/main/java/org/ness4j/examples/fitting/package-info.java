/**
 * Thermometry figures of paper 000 (Fig. 4, 14(a), 15, 16, 17 and the SI table) built on
 * {@code org.ness4j.fitting}; see {@code docs/fitting.md}.
 */
package org.ness4j.examples.fitting;
