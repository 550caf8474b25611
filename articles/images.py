"""
Uploaded images, the one place they are checked and cleaned (docs/uploads.md).

An upload is accepted only when its content is a JPEG, PNG, WebP or GIF (whatever its
name says), within the byte cap (the upload handler stops keeping it past the cap:
`articles.uploads.ImageSizeLimitUploadHandler`) and the pixel cap (read from the header
before anything is decoded). It is then decoded and encoded again: what is stored holds
pixels only, with no EXIF, GPS, comments or bytes appended after the image (a GIF that is
also an HTML page loses the page), turned the way its EXIF orientation said, under a
generated name whose extension is its real format.
"""

import io
import re
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow's name for the format -> the extension stored files get.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Form fields that carry images: the upload handler caps these, and only these, in bytes.
IMAGE_FIELDS = frozenset({"lead_image"})

# Pillow only warns about an image a little over its limit; here that is a refusal too.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


def max_bytes():
    return settings.FILMCULTURE["MAX_IMAGE_BYTES"]


def max_pixels():
    return settings.FILMCULTURE["MAX_IMAGE_PIXELS"]


def size_in_words(count):
    """Bytes as an editor reads them: "10 MB", "200 KB"."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.0f} MB"
    return f"{count / 1024:.0f} KB"


class OversizeUpload(UploadedFile):
    """
    What the upload handler hands on in place of an image past the byte cap: nothing of
    it is kept, only how much arrived, so the form can say what was wrong.
    """

    def __init__(self, *, name, content_type, received):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=received)


class VerifiedImage(ContentFile):
    """An image as it will be stored: re-encoded, under a generated name."""

    def __init__(self, content, *, name, image_format, width, height):
        super().__init__(content, name=name)
        self.image_format = image_format
        self.width = width
        self.height = height


def verified(upload) -> VerifiedImage:
    """
    The upload as a clean image ready to store, or a ValidationError saying what is wrong
    with it in words an editor understands.
    """
    if isinstance(upload, VerifiedImage):
        return upload
    limit = max_bytes()
    if isinstance(upload, OversizeUpload) or (upload.size or 0) > limit:
        raise ValidationError(
            f"The image is larger than {size_in_words(limit)}; save it smaller and upload "
            "it again.",
            code="too_large",
        )
    upload.seek(0)
    # Pillow refuses past the same cap as it opens and decodes (a setting may change it).
    Image.MAX_IMAGE_PIXELS = max_pixels()
    try:
        image = Image.open(upload, formats=list(FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise _too_many_pixels(claimed=bomb) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "The file is not a JPEG, PNG, WebP or GIF image (whatever its name says); "
            "SVG and other formats are not accepted.",
            code="not_an_image",
        ) from None
    with image:
        width, height = image.size
        frames = getattr(image, "n_frames", 1)
        # From the header alone: nothing has been decoded yet.
        if width * height * frames > max_pixels():
            raise _too_many_pixels(width, height, frames)
        image_format = image.format
        try:
            content = _reencoded(image, image_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise ValidationError(
                "The image is damaged or incomplete and cannot be read; export it again.",
                code="damaged",
            ) from None
    with Image.open(io.BytesIO(content)) as stored:
        width, height = stored.size
    return VerifiedImage(
        content,
        name=f"{uuid.uuid4().hex}.{FORMATS[image_format]}",
        image_format=image_format,
        width=width,
        height=height,
    )


def _too_many_pixels(width=None, height=None, frames=1, *, claimed=None):
    limit = f"{max_pixels() / 1_000_000:g} megapixels"
    # Pillow's refusal names the size the header claims: "Image size (N pixels) exceeds".
    count = re.search(r"\((\d+) pixels\)", str(claimed)) if claimed else None
    if count:
        pixels = int(count[1])
        size = (
            f"The image is {pixels / 1_000_000:.1f} megapixels"
            if pixels >= 100_000
            else f"The image is {pixels} pixels"
        )
    elif width is None:
        size = "The image has too many pixels"
    elif frames > 1:
        size = f"The animation is {width} by {height} pixels in {frames} frames"
    else:
        size = f"The image is {width} by {height} pixels ({width * height / 1_000_000:.1f} MP)"
    return ValidationError(
        f"{size}; at most {limit} are accepted. Scale it down and upload it again.",
        code="too_many_pixels",
    )


def _bare(image):
    """A copy carrying pixels and palette only: no EXIF, XMP, comments or text chunks."""
    copy = image.copy()
    copy.info = {}
    return copy


def _reencoded(image, image_format):
    out = io.BytesIO()
    # A colour profile is not personal data, and dropping it would shift the colours.
    profile = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
    if getattr(image, "n_frames", 1) > 1:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_bare(frame.convert("RGBA") if image_format == "WEBP" else frame))
        frames[0].save(
            out,
            image_format,
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
        )
        return out.getvalue()
    upright = _bare(ImageOps.exif_transpose(image))
    if image_format == "JPEG":
        if upright.mode not in ("L", "RGB", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=90, optimize=True, **profile)
    elif image_format == "WEBP":
        if upright.mode not in ("RGB", "RGBA"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        upright.save(out, "WEBP", quality=90, **profile)
    elif image_format == "PNG":
        upright.save(out, "PNG", optimize=True, **profile)
    else:
        upright.save(out, "GIF")
    return out.getvalue()


class VerifiedImageField(forms.ImageField):
    """A form's image field that takes only what `verified` accepts, and cleans it."""

    def to_python(self, data):
        if isinstance(data, OversizeUpload):
            verified(data)  # raises, naming the cap
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return verified(upload)
