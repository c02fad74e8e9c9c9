/**
 * What all examples share: the command line ({@link org.ness4j.examples.support.Cli} on picocli,
 * with the shared options as mixins and the cost estimate
 * {@link org.ness4j.examples.support.Cost}),
 * table output in every {@code --format} through the library writers
 * ({@link org.ness4j.examples.support.TableOutput}), PNG plots and the console progress bar.
 * Not API.
 */
package org.ness4j.examples.support;
