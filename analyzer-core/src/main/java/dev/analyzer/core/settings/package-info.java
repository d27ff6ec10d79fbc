/**
 * Settings read from environment variables, validated at start with messages that name the
 * variable, the bound and the value.
 */
package dev.analyzer.core.settings;
