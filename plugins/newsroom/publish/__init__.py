"""What the site offers besides its pages: feeds, sitemap and robots.txt."""
