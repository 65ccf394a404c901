// SPDX-License-Identifier: Apache-2.0
/**
 * Not API: the compute engines and the buffers behind a network. Anything here may change in any
 * release.
 */
package org.pamlearn.core.internal;
