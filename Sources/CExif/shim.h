#include <stddef.h>
#include <libexif/exif-data.h>

// The EXIF orientation (1...8) of a JPEG file's bytes, or 0 when it has none or it cannot be read.
// libexif finds the APP1 segment itself; only a well-formed SHORT entry in IFD0 counts.
static inline int latent_exif_orientation(const unsigned char *bytes, unsigned int count) {
    ExifData *exif = exif_data_new_from_data(bytes, count);
    if (exif == NULL) return 0;
    int orientation = 0;
    ExifEntry *entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (entry != NULL && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1 && entry->size >= 2
        && entry->data != NULL) {
        orientation = exif_get_short(entry->data, exif_data_get_byte_order(exif));
    }
    exif_data_unref(exif);
    return orientation;
}
