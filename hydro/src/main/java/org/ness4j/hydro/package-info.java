/**
 * ness4j hydro module (see ARCHITECTURE.md).
 */
package org.ness4j.hydro;
