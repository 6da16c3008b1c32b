/** Writing the files a command is asked for, whole or not at all. */
package org.tessel.cli.io;
