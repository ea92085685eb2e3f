"""Share previews and phone icons: card images (Pillow), Open Graph tags, app icons, manifest.

Everything here is a pure function of plain values; `feature.py` connects it to the build.
"""
