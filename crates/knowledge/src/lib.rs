//! Facts about base images, tools inside them, and package/artifact sizes — generated tables
//! with provenance. Pure data and lookups; nothing here does I/O at run time.
