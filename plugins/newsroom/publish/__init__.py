"""What the site offers besides its pages: feeds, sitemap and robots.txt; and
what the publish build adds for the server: fingerprinted assets, icons, 404
pages, precompressed files and the nginx configuration."""
