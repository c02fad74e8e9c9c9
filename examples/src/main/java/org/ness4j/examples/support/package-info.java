/**
 * CSV and PNG output shared by all examples.
 */
package org.ness4j.examples.support;
