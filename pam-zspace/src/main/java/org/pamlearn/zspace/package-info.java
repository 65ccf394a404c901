// SPDX-License-Identifier: Apache-2.0
/**
 * Transfer functions in z<sup>-1</sup>, the closed-loop derivation and the filters that feed the
 * network (ALGORITHMS.md &sect;2 and &sect;4). Not yet implemented: this module is a placeholder of the build.
 */
package org.pamlearn.zspace;
