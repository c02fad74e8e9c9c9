/**
 * ness4j fitting module (see ARCHITECTURE.md).
 */
package org.ness4j.fitting;
