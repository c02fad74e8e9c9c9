/**
 * CSV output, options and figures shared by all examples. Figures ({@link
 * org.ness4j.examples.support.Plots}) are line plots ({@link org.ness4j.examples.support.XyPlot})
 * and heat maps ({@link org.ness4j.examples.support.HeatMapPlot}) on JFreeChart, sized for a
 * two-column paper and saved as PNG, SVG and PDF.
 */
package org.ness4j.examples.support;
