// SPDX-License-Identifier: Apache-2.0
/**
 * Not API: the compute engines and the buffers behind a network, argument checks, the bounded reading and short
 * quoting of input, and the writing of whole files, which every module shares. Anything here may change in any
 * release.
 */
package org.pamlearn.core.internal;
