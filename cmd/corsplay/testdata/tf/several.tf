locals {
  site = "shop.example.com"
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = "acme-uploads"

  cors_rule {
    allowed_methods = ["PUT"]
    allowed_origins = ["https://${local.site}"]
    allowed_headers = ["Content-Type", "x-amz-acl"]
    expose_headers  = ["ETag"]
  }
}

module "cdn_origin" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-s3-bucket.git?ref=v3.15.1"

  bucket = "acme-cdn-origin"
  cors_rule = [{
    allowed_methods = ["GET"]
    allowed_origins = ["https://${local.site}", "https://www.${local.site}"]
  }]
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://old.${local.site}"]
    max_age_seconds = 60
  }
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  name   = "main"
}
