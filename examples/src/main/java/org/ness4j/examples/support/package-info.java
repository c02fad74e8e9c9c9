/**
 * What all examples share: the command line ({@link org.ness4j.examples.support.Cli} on picocli,
 * with the shared options as mixins and the cost estimate
 * {@link org.ness4j.examples.support.Cost}),
 * table output in every {@code --format} through the library writers
 * ({@link org.ness4j.examples.support.TableOutput}), the console progress bar, and figures
 * ({@link org.ness4j.examples.support.Plots}): line plots
 * ({@link org.ness4j.examples.support.XyPlot}) and heat maps
 * ({@link org.ness4j.examples.support.HeatMapPlot}) on JFreeChart, sized for a two-column paper
 * and saved as PNG, SVG and PDF. Not API.
 */
package org.ness4j.examples.support;
