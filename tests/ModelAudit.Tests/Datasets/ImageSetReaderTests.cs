using ModelAudit.Datasets;
using ModelAudit.Imaging;
using ModelAudit.Tests.TestSupport;

namespace ModelAudit.Tests.Datasets;

public sealed class ImageSetReaderTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "modelaudit-tests", "imageset-" + Guid.NewGuid().ToString("N"));

    public ImageSetReaderTests()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "images"));
        ImageCodec.SavePng(RgbImage.Filled(16, 12, new Rgb(10, 20, 30)), Path.Combine(Folder, "images", "a.png"));
        ImageCodec.SavePng(RgbImage.Filled(16, 12, new Rgb(200, 20, 30)), Path.Combine(_parent, "outside.png"));
    }

    private string Folder => Path.Combine(_parent, "set");

    private string Labels => Path.Combine(Folder, "labels.csv");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void Read_RowWithoutBoxUnderHeaderWithBoxColumns_HasNoBoxAndNoMask()
    {
        WriteLabels("file,label,x,y,width,height,mask", "images/a.png,1", "images/a.png,2,1,2,3,4", "images/a.png,3,,,,,");

        var images = ImageSetReader.Read(Folder);

        images.Select(i => (i.Label, i.Box, i.Mask)).Should().Equal((1, null, null), (2, new PixelBox(1, 2, 3, 4), null), (3, null, null));
    }

    [Fact]
    public void Read_MaskColumnWithoutBoxColumns_ReadsTheMask()
    {
        ImageCodec.SavePng(RgbImage.Create(16, 12, (x, _) => Rgb.Gray((byte)(x < 4 ? 255 : 0))), Path.Combine(Folder, "images", "m.png"));
        WriteLabels("file,label,mask", "images/a.png,0,images/m.png", "images/a.png,1");

        var images = ImageSetReader.Read(Folder);

        images[0].Mask!.Bounds.Should().Be(new PixelBox(0, 0, 4, 12));
        images[1].Mask.Should().BeNull();
    }

    [Theory]
    [InlineData("../outside.png", "leads outside the folder")]
    [InlineData("images/../../outside.png", "leads outside the folder")]
    [InlineData("ABSOLUTE", "is an absolute path")]
    [InlineData("/etc/passwd", "is an absolute path")]
    public void Read_PathOutsideTheFolder_NamesTheLineAndTheOption(string path, string problem)
    {
        path = path == "ABSOLUTE" ? Path.Combine(_parent, "outside.png") : path;
        WriteLabels("file,label", "images/a.png,0", $"{path},1");

        var act = () => ImageSetReader.Read(Folder);

        act.Should().Throw<InvalidDatasetException>()
            .WithMessage($"'{Labels}' line 3: image '{path}' {problem}*ImageSetOptions.AllowPathsOutsideFolder*");
    }

    [Fact]
    public void Read_PathOutsideTheFolderWhenAllowed_ReadsTheImage()
    {
        WriteLabels("file,label", "../outside.png,1", $"{Path.Combine(_parent, "outside.png")},2");

        var images = ImageSetReader.Read(Folder, options: new ImageSetOptions { AllowPathsOutsideFolder = true });

        images.Select(i => i.Image[0, 0]).Should().Equal(new Rgb(200, 20, 30), new Rgb(200, 20, 30));
    }

    [Fact]
    public void Read_SymbolicLinkLeadingOutside_IsRejected()
    {
        File.CreateSymbolicLink(Path.Combine(Folder, "images", "link.png"), Path.Combine(_parent, "outside.png"));
        Directory.CreateSymbolicLink(Path.Combine(Folder, "up"), _parent);
        Directory.CreateSymbolicLink(Path.Combine(Folder, "pictures"), Path.Combine(Folder, "images"));
        WriteLabels("file,label", "pictures/a.png,0", "images/link.png,1");
        var fileLink = () => ImageSetReader.Read(Folder);
        fileLink.Should().Throw<InvalidDatasetException>().WithMessage(
            $"'{Labels}' line 3: image 'images/link.png' goes through a symbolic link to '{Path.Combine(_parent, "outside.png")}', outside the folder*");

        WriteLabels("file,label", "pictures/a.png,0", "up/outside.png,1");
        var directoryLink = () => ImageSetReader.Read(Folder);
        directoryLink.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 3: image 'up/outside.png' goes through a symbolic link*");

        WriteLabels("file,label", "pictures/a.png,0");
        ImageSetReader.Read(Folder).Should().ContainSingle("a link that stays inside the folder is followed");
    }

    [Fact]
    public void Read_SymbolicLinkCycle_NamesTheLine()
    {
        File.CreateSymbolicLink(Path.Combine(Folder, "images", "loop.png"), Path.Combine(Folder, "images", "loop.png"));
        WriteLabels("file,label", "images/loop.png,0");

        var act = () => ImageSetReader.Read(Folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 2: image 'images/loop.png': *more than 40 symbolic links*Fix or remove the link.");
    }

    [Fact]
    public void Read_PathWithNulCharacter_NamesTheLine()
    {
        WriteLabels("file,label", "images/a\0.png,0");

        var act = () => ImageSetReader.Read(Folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 2: image '*' is not a valid path*");
    }

    [Theory]
    [InlineData("10,0,7,12")]
    [InlineData("0,0,16,13")]
    [InlineData("-1,0,4,4")]
    [InlineData("0,0,0,4")]
    [InlineData("2147483647,0,1,1")]
    public void Read_BoxOutsideTheImage_NamesTheLineTheBoxAndTheImageSize(string box)
    {
        WriteLabels("file,label,x,y,width,height", $"images/a.png,0,{box}");

        var act = () => ImageSetReader.Read(Folder);

        var v = box.Split(',');
        act.Should().Throw<InvalidDatasetException>().WithMessage(
            $"'{Labels}' line 2: box x={v[0]}, y={v[1]}, width={v[2]}, height={v[3]} does not lie inside image 'images/a.png', which is 16x12. Fix the box*");
    }

    [Theory]
    [InlineData("images/a.png,0,1,2", "the box is incomplete*give all four values or leave all four empty*")]
    [InlineData("images/a.png,0,1,2,3,4,x", "found 7 fields, but the header names only 6 columns*")]
    [InlineData("images/a.png", "the label of 'images/a.png' is missing*")]
    [InlineData("images/a.png,0,a,2,3,4", "x 'a' is not an integer*")]
    [InlineData(",0", "the image path is empty*")]
    public void Read_MalformedRow_NamesTheLineAndTheFix(string row, string problem)
    {
        WriteLabels("file,label,x,y,width,height", row);

        var act = () => ImageSetReader.Read(Folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 2: {problem}");
    }

    [Fact]
    public void Read_HeaderWithPartOfTheBoxColumns_NamesLineOne()
    {
        WriteLabels("file,label,x,y", "images/a.png,0,1,2");

        var act = () => ImageSetReader.Read(Folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 1: the header names only some of the box columns*name all four or none.");
    }

    [Fact]
    public void Read_MaskOfAnotherSize_NamesBothSizes()
    {
        ImageCodec.SavePng(RgbImage.Filled(8, 8, default), Path.Combine(Folder, "images", "m.png"));
        WriteLabels("file,label,mask", "images/a.png,0,images/m.png");

        var act = () => ImageSetReader.Read(Folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 2: mask 'images/m.png' is 8x8, but its image is 16x12*");
    }

    [Fact]
    public void Read_ImageDeclaringHugeSize_NamesTheLineAndRefusesBeforeAllocating()
    {
        File.WriteAllBytes(Path.Combine(Folder, "images", "huge.png"), CraftedImages.Png(23170, 23170));
        WriteLabels("file,label", "images/a.png,0", "images/huge.png,1");

        var act = () => ImageSetReader.Read(Folder);

        var before = GC.GetAllocatedBytesForCurrentThread();
        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 3: '*huge.png' declares 23170x23170 pixels*64 megapixels*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(50L * 1024 * 1024, "the declared size is refused before decoding");
    }

    [Fact]
    public void Read_ImageAboveTheOptionsLimit_IsRefused()
    {
        WriteLabels("file,label", "images/a.png,0");

        var act = () => ImageSetReader.Read(Folder, options: new ImageSetOptions { ImageLimits = new ImageLimits { MaxPixels = 100 } });

        act.Should().Throw<InvalidDatasetException>().WithMessage($"'{Labels}' line 2: '*a.png' declares 16x12 pixels*(ImageLimits.MaxPixels = 100)*");
    }

    private void WriteLabels(params string[] lines) => File.WriteAllText(Labels, string.Join('\n', lines) + "\n");
}
