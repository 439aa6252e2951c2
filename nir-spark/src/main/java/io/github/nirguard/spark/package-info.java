/** Placeholder until the module's code lands. @since 0.1.0 */
package io.github.nirguard.spark;
