"""Photos and attachments: read, checked, encoded and published with the articles.

The stage runs in four places of a build:

* reading (references.py): while Markdown converts a file, each image becomes a
  numbered placeholder and a figure with its caption; the references (and the
  ``Image:`` and ``Attachments:`` fields) travel with the article's metadata, so
  the content cache keeps them too;
* checking (checks.py): once all files are read, every referenced file is
  checked on every build (a photo can change while its article does not);
* encoding (derivatives.py): photos not in the derivative cache are encoded on
  every core; the cache is keyed by content digest, outside output/;
* rendering (markup.py): placeholders become ``<picture>`` elements with the
  derivatives' URLs and sizes, after every HTML check has passed.
"""
