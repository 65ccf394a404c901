// SPDX-License-Identifier: Apache-2.0
/**
 * Not API: the compute engines and the buffers behind a network, argument checks, and the bounded reading and
 * short quoting of input that every module shares. Anything here may change in any release.
 */
package org.pamlearn.core.internal;
