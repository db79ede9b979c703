"""What the publish build adds for the server: fingerprinted assets, icons,
404 pages, precompressed files and the nginx configuration."""
