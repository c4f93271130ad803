# Uploads bucket for the web site: the browser PUTs files straight to S3
# with presigned URLs, then reads them back.

variable "site_domain" {
  description = "The site's host name, e.g. www.example.com"
  type        = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = "example-site-uploads"
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  # Uploads from the site (presigned PUT).
  cors_rule {
    id              = "site-uploads"
    allowed_origins = ["https://${var.site_domain}"]
    allowed_methods = ["GET", "PUT"]
    allowed_headers = ["x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
}
