using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace ShLogin.Vault.Transfer;

/// <summary>The text of the QR code in a PNG or JPEG image (StbImageSharp decodes the image, ZXing.Net the code).</summary>
public static class QrImage
{
    /// <summary>The largest image file accepted.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The largest width or height accepted, so a small file cannot decode to gigabytes.</summary>
    public const int MaxSide = 8192;

    /// <summary>Whether <paramref name="bytes"/> start like a PNG or JPEG file.</summary>
    public static bool LooksLikeImage(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    /// <summary>Decodes the one QR code in the image.</summary>
    /// <exception cref="TransferException">Not a PNG/JPEG, too large, or no QR code found.</exception>
    public static string Decode(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length > MaxFileBytes)
        {
            throw new TransferException($"the image is larger than {MaxFileBytes / (1024 * 1024)} MiB");
        }

        if (!LooksLikeImage(image))
        {
            throw new TransferException("not a PNG or JPEG image");
        }

        ImageResult decoded;
        try
        {
            using (var probe = new MemoryStream(image, writable: false))
            {
                var info = ImageInfo.FromStream(probe);
                if (info is not { } size || size.Width <= 0 || size.Height <= 0 || size.Width > MaxSide || size.Height > MaxSide)
                {
                    throw new TransferException($"the image's size is not accepted (expected at most {MaxSide}x{MaxSide} pixels)");
                }
            }

            decoded = ImageResult.FromMemory(image, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException)
        {
            throw new TransferException("the image cannot be decoded: " + e.Message, e);
        }

        var source = new RGBLuminanceSource(decoded.Data, decoded.Width, decoded.Height, RGBLuminanceSource.BitmapFormat.RGB24);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions
            {
                PossibleFormats = [BarcodeFormat.QR_CODE],
                TryHarder = true,
            },
        };
        var result = reader.Decode(source);
        return result?.Text is { Length: > 0 } text
            ? text
            : throw new TransferException("no QR code was found in the image");
    }
}
