/**
 * Example programs reproducing the figures of the papers, and benchmarks. Not library API.
 */
package org.ness4j.examples;
